import { NewQuestion, Question, QuestionChange, QuestionList } from '@insideout/contracts';
import { z } from 'zod';
import { actorOf, route } from '../auth/policy.ts';
import { body, error, json } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';
import { changeQuestion, createQuestion, listQuestions, retireQuestion } from './service.ts';

const tags = ['Questions'];
const keyParam = z.object({ key: z.string().regex(/^org:[0-9a-f-]{36}$/, 'must be an org question key (org:<id>)') });

async function questionByKey(c: Parameters<typeof actorOf>[0], key: string) {
  const questions = await listQuestions(c.var.services.store.db, actorOf(c).orgId);
  return questions.find((q) => q.key === key) as z.infer<typeof Question>;
}

export const questions = createRouter()
  .openapi(
    route('staff', {
      method: 'get',
      path: '/questions',
      tags,
      summary: 'The question bank: built-in items and the organisation’s own',
      responses: { 200: body(QuestionList, 'Every question, retired ones flagged.') },
    }),
    async (c) => c.json({ questions: await listQuestions(c.var.services.store.db, actorOf(c).orgId) }, 200),
  )
  .openapi(
    route('hr', {
      method: 'post',
      path: '/questions',
      tags,
      summary: 'Add a question of the organisation',
      request: { body: json(NewQuestion) },
      responses: { 201: body(Question, 'Created.'), 400: error('Invalid input.') },
    }),
    async (c) => {
      const key = await createQuestion(c.var.services.store.db, actorOf(c), c.req.valid('json'));
      return c.json(await questionByKey(c, key), 201);
    },
  )
  .openapi(
    route('hr', {
      method: 'patch',
      path: '/questions/{key}',
      tags,
      summary: 'Edit a question (a used one becomes a new version)',
      request: { params: keyParam, body: json(QuestionChange) },
      responses: {
        200: body(Question, 'The question as it now reads (a new key when a new version was made).'),
        400: error('Invalid input.'),
        404: error('No such question.'),
        409: error('The question is retired.'),
      },
    }),
    async (c) => {
      const key = await changeQuestion(
        c.var.services.store.db,
        actorOf(c),
        c.req.valid('param').key,
        c.req.valid('json'),
      );
      return c.json(await questionByKey(c, key), 200);
    },
  )
  .openapi(
    route('hr', {
      method: 'delete',
      path: '/questions/{key}',
      tags,
      summary: 'Retire a question: it stays in past pulses, and cannot be added to new ones',
      request: { params: keyParam },
      responses: { 204: { description: 'Retired.' }, 404: error('No such question.') },
    }),
    async (c) => {
      await retireQuestion(c.var.services.store.db, actorOf(c), c.req.valid('param').key);
      return c.body(null, 204);
    },
  );
