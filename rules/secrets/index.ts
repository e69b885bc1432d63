import type { AnyRule } from '../../src/model/rule.js';
import anthropicAdminKey from './anthropic_admin_key.js';
import anthropicApiKey from './anthropic_api_key.js';
import anthropicOauthToken from './anthropic_oauth_token.js';
import awsAccessKey from './aws_access_key.js';
import discordBotToken from './discord_bot_token.js';
import generic from './generic.js';
import githubToken from './github_token.js';
import googleApiKey from './google_api_key.js';
import groqApiKey from './groq_api_key.js';
import huggingfaceToken from './huggingface_token.js';
import openaiApiKey from './openai_api_key.js';
import openclawGatewayToken from './openclaw_gateway_token.js';
import openrouterApiKey from './openrouter_api_key.js';
import perplexityApiKey from './perplexity_api_key.js';
import privateKey from './private_key.js';
import slackToken from './slack_token.js';
import slackWebhookUrl from './slack_webhook_url.js';
import telegramBotToken from './telegram_bot_token.js';
import xaiApiKey from './xai_api_key.js';

/** Token specs register with the shared scanner in import order; overlaps keep the longer match, so order only breaks exact ties. */
export const secretsRules: readonly AnyRule[] = [
  anthropicApiKey,
  anthropicAdminKey,
  anthropicOauthToken,
  openaiApiKey,
  openrouterApiKey,
  googleApiKey,
  groqApiKey,
  xaiApiKey,
  huggingfaceToken,
  perplexityApiKey,
  telegramBotToken,
  discordBotToken,
  slackToken,
  slackWebhookUrl,
  githubToken,
  awsAccessKey,
  privateKey,
  openclawGatewayToken,
  generic,
];
