import { api } from '$lib/api/client';
import { fromApi } from '$lib/api/load';

export async function load({ parent, url, depends }) {
  await parent();
  depends('app:units');
  const units = await fromApi(url, api.units());
  // `?unit=` comes from the units page ("see the people of this unit").
  const unitId = url.searchParams.get('unit') ?? '';
  return { units, unitId: units.some((unit) => unit.id === unitId) ? unitId : '' };
}
