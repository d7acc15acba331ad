import type { Campaign, CampaignChannel, GatePolicy } from '@insideout/contracts';
import type { CampaignInput } from '../api/client.ts';
import { policyFaults } from './policy.ts';

export type { CampaignInput };

/**
 * A campaign being created or edited, as its form holds it: dates as `YYYY-MM-DD` (empty: none),
 * and a policy of its own only when asked for (otherwise the org's default applies).
 */
export class CampaignDraft {
  name = $state('');
  channel: CampaignChannel = $state('linkedin');
  targetUnitIds: string[] = $state([]);
  ownerId = $state('');
  startsOn = $state('');
  endsOn = $state('');
  message = $state('');
  ownPolicy = $state(false);
  policy: GatePolicy = $state() as GatePolicy;

  constructor(init: { defaults: GatePolicy; ownerId: string; campaign?: Campaign | undefined }) {
    const { campaign } = init;
    this.policy = { ...(campaign?.ownPolicy ? campaign.policy : init.defaults) };
    this.ownerId = campaign?.owner.id ?? init.ownerId;
    if (!campaign) return;
    this.name = campaign.name;
    this.channel = campaign.channel;
    this.targetUnitIds = campaign.targetUnits.map((u) => u.id);
    this.startsOn = campaign.startsOn ?? '';
    this.endsOn = campaign.endsOn ?? '';
    this.message = campaign.message;
    this.ownPolicy = campaign.ownPolicy;
  }

  hasUnit(id: string): boolean {
    return this.targetUnitIds.includes(id);
  }

  toggleUnit(id: string): void {
    this.targetUnitIds = this.hasUnit(id) ? this.targetUnitIds.filter((u) => u !== id) : [...this.targetUnitIds, id];
  }

  /** The fields found wrong before sending (the API checks them again): paths as the API names them. */
  faults(k: number): string[] {
    const faults: string[] = [];
    const name = this.name.trim();
    if (name.length < 3 || name.length > 120) faults.push('name');
    if (this.targetUnitIds.length === 0) faults.push('targetUnitIds');
    if (!this.ownerId) faults.push('ownerId');
    if (this.startsOn && this.endsOn && this.endsOn < this.startsOn) faults.push('endsOn');
    const message = this.message.trim();
    if (message.length === 0 || message.length > 4000) faults.push('message');
    if (this.ownPolicy) for (const field of policyFaults(this.policy, k)) faults.push(`policy.${field}`);
    return faults;
  }

  toInput(): CampaignInput {
    return {
      name: this.name.trim(),
      channel: this.channel,
      targetUnitIds: [...this.targetUnitIds],
      ownerId: this.ownerId,
      startsOn: this.startsOn || null,
      endsOn: this.endsOn || null,
      message: this.message.trim(),
      policy: this.ownPolicy ? { ...this.policy } : null,
    };
  }
}
