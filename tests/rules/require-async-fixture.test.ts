import { RuleTester } from '@typescript-eslint/rule-tester';

import rule from '../../src/rules/require-async-fixture';

const ruleTester = new RuleTester();

ruleTester.run('require-async-fixture', rule, {
  valid: [
    {
      filename: 'db.test.ts',
      code: `
        import { beforeAll } from 'vitest';
        import { PrismaClient } from '@prisma/client';
        const prisma = new PrismaClient();
        beforeAll(async () => { await prisma.$connect(); });
      `,
    },
  ],
  invalid: [
    {
      filename: 'db.test.ts',
      code: `
import { beforeAll } from 'vitest';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
beforeAll(() => { prisma.$connect(); });
`,
      errors: [
        {
          messageId: 'unawaitedResourceCall',
          line: 5,
          suggestions: [
            {
              messageId: 'suggestMakeAsyncAndAwait',
              output: `
import { beforeAll } from 'vitest';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
beforeAll(async () => { await prisma.$connect(); });
`,
            },
            {
              messageId: 'suggestReturn',
              output: `
import { beforeAll } from 'vitest';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
beforeAll(() => { return prisma.$connect(); });
`,
            },
          ],
        },
      ],
    },
  ],
});
