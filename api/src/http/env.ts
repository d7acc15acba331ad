import type { Db } from '@insideout/db';
import type { RequestIdVariables } from 'hono/request-id';

/** What every handler can reach through `c.get(…)` / `c.var`. */
export interface AppEnv {
  Variables: RequestIdVariables & {
    db: Db;
  };
}
