// The error boundary around every lazily loaded chart: when the chart's chunk cannot load
// or drawing throws, the `fallback` is shown instead (each page says where the numbers
// are still readable). React needs a class for this; it holds no data.

import { Component, type ReactNode } from 'react';

export class ChartBoundary extends Component<
  { children: ReactNode; fallback: (message: string) => ReactNode },
  { failed: string | undefined }
> {
  override state = { failed: undefined as string | undefined };
  static getDerivedStateFromError(e: unknown) {
    return { failed: e instanceof Error ? e.message : String(e) };
  }
  override render() {
    return this.state.failed === undefined ? this.props.children : this.props.fallback(this.state.failed);
  }
}
