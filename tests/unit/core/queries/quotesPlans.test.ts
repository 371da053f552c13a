import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCache, type Cache } from '../../../../electron/core/cache/open';
import { pendingActionsSql } from '../../../../electron/core/queries/pendingActions';
import { quoteAssigneesSql } from '../../../../electron/core/queries/quoteAssignees';
import { quoteDashboardSql } from '../../../../electron/core/queries/quoteDashboard';
import { quoteDetailSql } from '../../../../electron/core/queries/quoteDetail';
import { quoteQueueStatement } from '../../../../electron/core/queries/quoteQueue';
import { ALL_FILTERS, planOf } from './quotesFixture';

// Every statement the quote calls run reads through an index: a table scan of quotes or their
// lines would cost seconds on a cache of 100 000 quotes. Plans are read on the real migrations
// (the app runs no ANALYZE, so these are the plans it gets).

// A step that reads a table without an index: "SCAN quotes", "SCAN q", not "SCAN q USING INDEX …".
// The grouped line figures (g) are a materialized result SQLite indexes itself as it builds it.
function tableScans(plan: readonly string[]): string[] {
  return plan.filter(
    (step) => /^(SCAN|SEARCH) /.test(step) && !/ USING (COVERING INDEX|INDEX|INTEGER PRIMARY KEY|ROWID)/.test(step) && !step.startsWith('SEARCH g USING AUTOMATIC COVERING INDEX'),
  );
}

describe('the quote queries’ plans', () => {
  let cache: Cache;
  beforeAll(() => {
    cache = openCache({ file: ':memory:' });
  });
  afterAll(async () => {
    await cache.close();
  });

  it.each(ALL_FILTERS.map((filter) => [JSON.stringify(filter), filter] as const))('reads the queue %s by index, lines from the covering index', (_name, filter) => {
    const { sql, params } = quoteQueueStatement(filter, 's-kari', new Date('2026-11-21T12:00:00Z'));
    const plan = planOf(cache.sqlite, sql, params);
    expect(tableScans(plan)).toEqual([]);
    const quotes = plan.find((step) => / q /.test(step) || step.endsWith(' q'));
    // Breached among states none of which waits: `status IN ()`, which SQLite knows is empty.
    if (filter.breachedOnly && filter.statuses.length > 0 && !filter.statuses.some((status) => ['requested', 'in_progress', 'revision_requested'].includes(status))) {
      expect(sql).toContain('q.status IN ()');
      return;
    }
    const index = filter.scope === 'all' ? 'quotes_status_due_time_idx' : 'quotes_assignee_idx';
    // The due-time bound of "breached" is part of the index search, not a filter afterwards.
    expect(quotes).toMatch(new RegExp(`^SEARCH q USING INDEX ${index} \\(.*status=\\?${filter.breachedOnly ? ' AND <expr><\\?' : ''}\\)$`));
    // Mine: a seek per quote. All, unassigned: one grouped pass over the covering index.
    expect(plan.filter((step) => / (l|g|quote_lines) /.test(step))).toEqual(
      filter.scope === 'mine'
        ? ['SEARCH l USING COVERING INDEX quote_lines_quote_value_idx (quote_id=?)', 'SEARCH l USING COVERING INDEX quote_lines_quote_value_idx (quote_id=?)']
        : ['SCAN quote_lines USING COVERING INDEX quote_lines_quote_value_idx', 'SEARCH g USING AUTOMATIC COVERING INDEX (quote_id=?) LEFT-JOIN'],
    );
  });

  it.each(Object.entries(quoteDetailSql))('reads the detail’s %s by index', (_name, sql) => {
    const plan = planOf(cache.sqlite, sql);
    expect(tableScans(plan)).toEqual([]);
    expect(plan[0]).toMatch(/^SEARCH \w+ USING (COVERING )?INDEX \w+ \((id|quote_id)=\?\)$/);
  });

  it('reads the dashboard’s figures by the indexes on instants', () => {
    const plans = Object.fromEntries(Object.entries(quoteDashboardSql).map(([name, sql]) => [name, planOf(cache.sqlite, sql)]));
    for (const plan of Object.values(plans)) expect(tableScans(plan)).toEqual([]);
    expect(plans).toEqual({
      openRequests: ['SEARCH quotes USING COVERING INDEX quotes_status_due_time_idx (status=?)'],
      dueWithin4h: ['SEARCH quotes USING COVERING INDEX quotes_status_due_time_idx (status=? AND <expr>>? AND <expr><?)'],
      breachedToday: ['SEARCH quotes USING INDEX quotes_due_time_idx (<expr>>? AND <expr><?)'],
      answered: ['SEARCH quotes USING INDEX quotes_answered_time_idx (<expr>>?)'],
    });
  });

  it('reads the assignees and the pending actions by index', () => {
    const assignees = planOf(cache.sqlite, quoteAssigneesSql);
    expect(tableScans(assignees)).toEqual([]);
    expect(assignees.filter((step) => step.startsWith('SEARCH staff'))).toEqual([
      'SEARCH staff USING INDEX staff_role_branch_idx (role=? AND branch_id=?)',
      'SEARCH staff USING INDEX staff_role_branch_idx (role=?)',
    ]);
    expect(planOf(cache.sqlite, pendingActionsSql.acked)).toEqual(['SEARCH sync_state USING INDEX sqlite_autoindex_sync_state_1 (key=?)']);
    // Only the actions after the acknowledged seq: a range of the outbox's key.
    expect(planOf(cache.sqlite, pendingActionsSql.pending)).toEqual(['SEARCH outbox USING INTEGER PRIMARY KEY (rowid>?)']);
  });
});
