// The popup inside Chrome's 600 px in English (#32 item 4): see popup-height.ts for the states measured.
import { popupHeightSuite } from './popup-height';

popupHeightSuite('en');
