import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { Webhook } from 'standardwebhooks';
import type { EventEntity } from '@aoc/persistence';
import {
  AddressRefusedError,
  guardedLookup,
  isAllowedAddress,
  webhookUrlProblem,
  type WebhookAddressPolicy,
} from './address-guard';

/** The JSON body of a webhook delivery: the event as the timeline shows it, with its key. */
export function webhookBody(event: EventEntity): string {
  return JSON.stringify({
    type: event.type,
    id: Number(event.id),
    key: event.key,
    planId: event.planId,
    at: event.at.toISOString(),
    actor: event.actor,
    version: event.versionNumber === null ? null : { number: event.versionNumber, hash: event.versionHash },
    payload: event.payload,
  });
}

/** The message id (`webhook-id`): the same for every attempt of one event to one webhook, so receivers can deduplicate. */
export const webhookMessageId = (eventKey: string, webhookId: string) =>
  `msg_${createHash('sha256').update(`${webhookId}\0${eventKey}`).digest('hex').slice(0, 32)}`;

export interface WebhookResponse {
  statusCode: number;
}

export interface WebhookSendOptions {
  url: string;
  secret: string;
  messageId: string;
  body: string;
  timeoutMs: number;
  /** Which internal addresses may be called (checked on the addresses connected to; WEBHOOK_PRIVATE_ADDRESSES). */
  addresses: WebhookAddressPolicy;
}

/**
 * One signed POST (Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature`,
 * HMAC-SHA256 over `id.timestamp.body` with the webhook's secret). Resolves with the status;
 * rejects on a network error, a timeout or a refused address (AddressRefusedError).
 */
export async function sendWebhook(options: WebhookSendOptions): Promise<WebhookResponse> {
  const problem = webhookUrlProblem(options.url);
  if (problem) throw new AddressRefusedError(problem);
  const url = new URL(options.url);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // An IP literal is connected to without a lookup: check it here.
  if (isIP(host) !== 0 && !isAllowedAddress(host, options.addresses)) {
    throw new AddressRefusedError(
      `the address ${host} is internal: webhooks may only call public addresses (WEBHOOK_PRIVATE_ADDRESSES)`,
    );
  }
  const timestamp = new Date();
  const signature = new Webhook(options.secret).sign(options.messageId, timestamp, options.body);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'aoc-plan-approval-webhooks',
          'webhook-id': options.messageId,
          'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
          'webhook-signature': signature,
          'content-length': Buffer.byteLength(options.body),
        },
        timeout: options.timeoutMs,
        ...(options.addresses === 'allow' ? {} : { lookup: guardedLookup(options.addresses) }),
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ statusCode: res.statusCode ?? 0 }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    req.on('error', (error) =>
      reject((error as NodeJS.ErrnoException).code === 'EADDRREFUSED' ? new AddressRefusedError(error.message) : error),
    );
    req.end(options.body);
  });
}
