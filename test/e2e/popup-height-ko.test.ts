// The popup inside Chrome's 600 px in Korean (#32 item 4), Chromium's UI language set to Korean as in korean.test.ts:
// see popup-height.ts for the states measured.
import { test } from './fixtures';
import { popupHeightSuite } from './popup-height';

test.override('launch', { browser: { locale: 'ko' } });

popupHeightSuite('ko');
