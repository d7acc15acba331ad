/**
 * The shape of the demo organisation: a 400-odd person company, units up to four levels deep,
 * with big healthy teams, middling ones and a few too small to show results on their own.
 */
export interface DemoUnit {
  name: string;
  /** People directly in this unit. */
  size: number;
  location: string;
  children?: DemoUnit[];
}

export const demoOrgName = 'Lumen & Co';

export const demoTree: DemoUnit = {
  name: demoOrgName,
  size: 4,
  location: 'Lyon',
  children: [
    {
      name: 'Engineering',
      size: 3,
      location: 'Lyon',
      children: [
        {
          name: 'Platform',
          size: 2,
          location: 'Lyon',
          children: [
            { name: 'Core Services', size: 22, location: 'Lyon' },
            { name: 'Data', size: 14, location: 'Lyon' },
            { name: 'Security', size: 9, location: 'Lyon' },
          ],
        },
        {
          name: 'Product Engineering',
          size: 2,
          location: 'Paris',
          children: [
            { name: 'Mobile', size: 18, location: 'Paris' },
            { name: 'Web', size: 26, location: 'Paris' },
          ],
        },
      ],
    },
    {
      name: 'Sales',
      size: 3,
      location: 'Paris',
      children: [
        {
          name: 'Europe',
          size: 2,
          location: 'Paris',
          children: [
            {
              name: 'France',
              size: 3,
              location: 'Paris',
              children: [
                { name: 'Paris', size: 24, location: 'Paris' },
                { name: 'Lyon', size: 12, location: 'Lyon' },
              ],
            },
            { name: 'Germany', size: 19, location: 'Berlin' },
            { name: 'Benelux', size: 3, location: 'Brussels' },
          ],
        },
        { name: 'Americas', size: 16, location: 'Montréal' },
      ],
    },
    {
      name: 'Operations',
      size: 2,
      location: 'Lyon',
      children: [
        {
          name: 'Customer Support',
          size: 3,
          location: 'Lyon',
          children: [
            { name: 'Tier 1', size: 38, location: 'Lyon' },
            { name: 'Tier 2', size: 17, location: 'Lyon' },
          ],
        },
        {
          name: 'Logistics',
          size: 2,
          location: 'Lyon',
          children: [
            { name: 'Warehouse Lyon', size: 46, location: 'Lyon' },
            { name: 'Warehouse Berlin', size: 29, location: 'Berlin' },
          ],
        },
      ],
    },
    { name: 'Marketing', size: 15, location: 'Paris' },
    { name: 'People & Culture', size: 7, location: 'Lyon' },
    { name: 'Finance', size: 11, location: 'Paris' },
    { name: 'Legal', size: 3, location: 'Paris' },
  ],
};

/** Staff with logins (README lists them). `manages` names the units whose subtrees they see. */
export const demoStaff = [
  { email: 'hr@demo.test', name: 'Hélène Garnier', role: 'hr_admin', unit: 'People & Culture', manages: [] },
  { email: 'manager@demo.test', name: 'Marc Olivier', role: 'manager', unit: 'Platform', manages: ['Platform'] },
  {
    email: 'support.lead@demo.test',
    name: 'Sarah Lemaire',
    role: 'manager',
    unit: 'Customer Support',
    manages: ['Customer Support'],
  },
  {
    email: 'sales.lead@demo.test',
    name: 'Jonas Weber',
    role: 'manager',
    unit: 'Europe',
    manages: ['Europe', 'Americas'],
  },
  {
    email: 'ops.director@demo.test',
    name: 'Nadia Benali',
    role: 'manager',
    unit: 'Operations',
    manages: ['Operations'],
  },
] as const;

export const demoPassword = 'insideout-demo';

export const tenureBands = ['< 1 year', '1-3 years', '3-5 years', '5+ years'] as const;
