import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError } from '../errors.ts';

/** One JSON error body for everything: { error: { code, message, details? } }. 5xx never leak internals. */
export function errorHandler(err: FastifyError | AppError | Error, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) {
    return reply.status(err.status).send({ error: { code: err.code, message: err.message, details: err.details } });
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const issues = err.validation.map((v) => ({
      path: [err.validationContext, ...v.instancePath.split('/').filter(Boolean)].join('.'),
      message: v.message,
    }));
    const first = issues[0];
    return reply.status(400).send({
      error: { code: 'TF_ERR_VALIDATION', message: first ? `${first.path}: ${first.message}` : 'invalid request', details: { issues } },
    });
  }
  if (isResponseSerializationError(err)) {
    req.log.error({ err }, 'response did not match its schema');
    return reply.status(500).send({ error: { code: 'TF_ERR_INTERNAL', message: 'internal error' } });
  }
  const fe = err as FastifyError;
  if (fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || (fe.statusCode === 400 && fe.code?.startsWith('FST_ERR_CTP'))) {
    return reply.status(400).send({ error: { code: 'TF_ERR_VALIDATION', message: `malformed JSON body: ${fe.message}`, details: { path: 'body' } } });
  }
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return reply.status(413).send({ error: { code: 'TF_ERR_TOO_LARGE', message: 'request body too large' } });
  }
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return reply.status(415).send({ error: { code: 'TF_ERR_VALIDATION', message: 'unsupported content type; send application/json' } });
  }
  if (fe.statusCode === 429) {
    return reply.status(429).send({ error: { code: 'TF_ERR_RATE_LIMIT', message: 'too many requests; slow down' } });
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return reply.status(fe.statusCode).send({ error: { code: 'TF_ERR_VALIDATION', message: fe.message } });
  }
  req.log.error({ err }, 'unhandled error');
  return reply.status(500).send({ error: { code: 'TF_ERR_INTERNAL', message: 'internal error' } });
}
