import type { AnyRule } from '../../src/model/rule.js';
import authProfiles from './auth_profiles.js';
import channelCredentials from './channel_credentials.js';
import sessionTranscripts from './session_transcripts.js';
import whatsappSession from './whatsapp_session.js';

export const stateRules: readonly AnyRule[] = [authProfiles, channelCredentials, sessionTranscripts, whatsappSession];
