import type { DetectedFinding, Rule } from '../../types';
import {
  type Call,
  callAt,
  imports,
  isTestFile,
  lineEvidence,
  pythonFiles,
  pythonStacks,
  uses,
  withKeyword,
} from './sources';

/**
 * Client and pool constructors that create an unbounded pool: redis-py's ConnectionPool defaults to
 * 2**31 connections, and Redis()/from_url() build such a pool when not given one. BlockingConnectionPool
 * is bounded (50) by default, so it is not listed.
 */
const CONSTRUCTOR =
  /(?<![\w])((?:(?:redis|aioredis)\.)?(?:asyncio\.)?(?:StrictRedis|Redis|ConnectionPool)(?:\.from_url)?|(?:redis|aioredis)\.from_url)\s*\(/g;

/** What to propose: a bounded pool, sized so a burst waits instead of opening thousands of sockets. */
const LIMIT = 'max_connections=50';

function unbounded(call: Call): boolean {
  return !/\b(max_connections|connection_pool)\s*=/.test(call.args) && !/\*\*\w/.test(call.args);
}

export const redisPoolLimit: Rule = {
  id: 'python.redis-pool-limit',
  title: 'Bound the Redis connection pool',
  rationale:
    "redis-py's connection pool is unbounded by default: under a burst each concurrent request opens a new " +
    'socket, each with its own buffers on the client and the server, until Redis hits maxclients. A ' +
    'max_connections cap keeps memory and file descriptors flat (BlockingConnectionPool waits for a free one).',
  reference: {
    title: 'redis-py: Connection pools',
    url: 'https://redis.readthedocs.io/en/stable/connections.html#connectionpool',
  },
  stack: 'python',
  risk: 'review',
  effort: 'low',
  metrics: ['memory'],
  prior: { pImprove: 0.3, effect: 0.1 },

  async detect(context) {
    const found: DetectedFinding[] = [];
    for (const stack of pythonStacks(context)) {
      if (!uses(stack, 'python.redis', 'redis') && !uses(stack, 'python.redis', 'aioredis')) continue;
      for (const file of await pythonFiles(context, stack)) {
        if (isTestFile(file.file) || (!imports(file, 'redis') && !imports(file, 'aioredis'))) continue;
        const calls: Call[] = [];
        file.code.forEach((code, index) => {
          if (/^\s*(def|class)\s/.test(code)) return;
          for (const match of code.matchAll(CONSTRUCTOR)) {
            const call = callAt(file, index, match.index);
            if (call && unbounded(call)) calls.push(call);
          }
        });
        if (calls.length === 0) continue;
        found.push({
          dir: stack.dir,
          message:
            `${file.file} creates Redis clients without max_connections ` +
            `(${calls.map((c) => `line ${c.line}: ${c.text.split('\n')[0] ?? ''}`).join('; ')}): the pool grows with every concurrent request`,
          evidence: calls.map((call) => lineEvidence(file, call.line)),
          current: calls.map((call) => call.text).join('\n'),
          proposed: calls.map((call) => withKeyword(call, LIMIT)).join('\n'),
          warning:
            'Size the cap to the real concurrency (workers × threads or tasks): with a plain ConnectionPool, requests beyond it fail with ' +
            '"Too many connections"; BlockingConnectionPool(max_connections=…, timeout=…) makes them wait instead.',
        });
      }
    }
    return found;
  },
};
