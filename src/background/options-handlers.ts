// Handlers for the options page and dashboard messages (see shared/options-messages.ts).
import type { HandlersOf } from '../shared/messages';
import type { OptionsMessages } from '../shared/options-messages';

export const optionsHandlers: HandlersOf<OptionsMessages> = {};
