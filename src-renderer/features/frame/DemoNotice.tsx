// Says, on every page of the demo workspace, that nothing here is real.
export function DemoNotice() {
  return (
    <p role="note" aria-label="About the demo workspace" className="demo-notice">
      <strong>Demo workspace.</strong> Demo data from a local sandbox on this computer. No real calls are
      placed.
    </p>
  );
}
