// The platform seam: the worker's `browser` is webextension-polyfill itself, and the entry listens to exactly the
// polyfill's message, tab-updated, tab-activated, alarm and storage-changed events (MV3 wakes the worker for them).
import { describe, expect, it, vi } from 'vitest';

const polyfill = vi.hoisted(() => ({
  runtime: { id: 'x', onMessage: { name: 'onMessage' } },
  tabs: { onUpdated: { name: 'onUpdated' }, onActivated: { name: 'onActivated' } },
  alarms: { onAlarm: { name: 'onAlarm' } },
  storage: { onChanged: { name: 'onChanged' } },
}));
vi.mock('webextension-polyfill', () => ({ default: polyfill }));

const { browser, events } = await import('../../../../src/background/platform/browser');

describe('platform/browser', () => {
  it('is the polyfill', () => {
    expect(browser).toBe(polyfill);
  });

  it("names the polyfill's events the entry listens to", () => {
    expect(events).toEqual({
      message: polyfill.runtime.onMessage,
      tabUpdated: polyfill.tabs.onUpdated,
      tabActivated: polyfill.tabs.onActivated,
      alarm: polyfill.alarms.onAlarm,
      storageChanged: polyfill.storage.onChanged,
    });
    expect(events.message).toBe(polyfill.runtime.onMessage);
    expect(events.alarm).toBe(polyfill.alarms.onAlarm);
  });
});
