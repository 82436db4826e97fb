// Options page entry.
import { render } from 'preact';
import browser from 'webextension-polyfill';
import { LazyClientReport } from './migrations/LazyMigrations';
import { reportClientOf } from './migrations/report-link';
import { OptionsApp } from './OptionsApp';

document.documentElement.lang = browser.i18n.getUILanguage();
// #report=<client>: that client's printable migration report instead of the settings.
const reportClient = reportClientOf(location.hash);
render(
  reportClient === undefined ? <OptionsApp /> : <LazyClientReport client={reportClient} />,
  document.getElementById('app')!,
);
