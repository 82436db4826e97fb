// Options page entry.
import { render } from 'preact';
import browser from 'webextension-polyfill';
import { OptionsApp } from './OptionsApp';

document.documentElement.lang = browser.i18n.getUILanguage();
render(<OptionsApp />, document.getElementById('app')!);
