import { it } from 'vitest';
import { serve, launchChromium, runPage } from '/work/main/packages/backend-wasm/test/browser/harness.js';
it('times', async () => {
  const t0 = performance.now();
  const browser = await launchChromium();
  console.log('launch', performance.now() - t0);
  for (const iso of [true, false]) {
    const { url, server } = await serve(iso);
    const t = performance.now();
    const r = await runPage(browser, url);
    console.log(iso, performance.now() - t, r.report.error, r.report.conformance?.count);
    server.close();
  }
  await browser.close();
}, 200000);
