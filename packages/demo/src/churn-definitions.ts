// The churn section of the demo project: subscribers churn after 45 days without an order,
// or when they cancel. Pure.
import type { YamlValue } from './yaml-writer.js';

export const churnSection = (): { readonly [name: string]: YamlValue } => ({
  subscribers: {
    label: 'Subscriber churn',
    description: 'Coffee subscribers: gone after 45 days without an order, or when they cancel.',
    dataset: 'subscriber_activity',
    customer: 'customer',
    inactive_days: 45,
    cancel: { column: 'event', value: 'cancel' },
    revenue: 'revenue',
    segments: ['plan', 'market'],
    horizon_days: 30,
  },
});
