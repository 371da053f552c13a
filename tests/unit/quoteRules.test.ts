import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assigneeProblem,
  CLAIMABLE_QUOTE_STATUSES,
  decideClaim,
  decideDecline,
  decideMarkRead,
  decideReassign,
  decideRelease,
  isClaimableStatus,
  type AssigneeCandidate,
  normalizeQuoteCommentBody,
  QUOTE_COMMENT_MAX_LENGTH,
  releaseTargetStatus,
  type QuoteStatus,
  type QuoteWorkState,
} from '../../electron/shared/domain/quotes';
import { quoteStatusSchema } from '../../electron/shared/sync/rows';
import { mutationArgs } from '../../electron/shared/sync/mutations';

const ME = 'st-me';
const OTHER = 'st-other';
const ANSWERED_AT = '2026-11-20T10:00:00.000Z';

function quote(status: QuoteStatus, assignee: string | null = null, answered = false): QuoteWorkState {
  return { status, assignee_id: assignee, answered_at: answered ? ANSWERED_AT : null };
}

describe('decideClaim', () => {
  it('takes new requests and revision requests', () => {
    expect(decideClaim(quote('requested'), ME)).toEqual({ outcome: 'claim', from: 'requested' });
    expect(decideClaim(quote('revision_requested', null, true), ME)).toEqual({ outcome: 'claim', from: 'revision_requested' });
  });

  it('is a no-op for one\'s own claim and names the other holder', () => {
    expect(decideClaim(quote('in_progress', ME), ME)).toEqual({ outcome: 'already_yours' });
    expect(decideClaim(quote('in_progress', OTHER), ME)).toEqual({ outcome: 'claimed_by_other', assigneeId: OTHER });
  });

  it('repairs an in-progress quote nobody holds by letting it be claimed', () => {
    expect(decideClaim(quote('in_progress'), ME)).toEqual({ outcome: 'claim', from: 'in_progress' });
  });

  it.each<QuoteStatus>(['answered', 'accepted', 'declined', 'expired'])('refuses a quote that is %s', (status) => {
    expect(decideClaim(quote(status, OTHER, true), ME)).toEqual({ outcome: 'not_claimable', status });
    expect(decideClaim(quote(status, ME, true), ME)).toEqual({ outcome: 'not_claimable', status });
  });

  it('only ever claims from a claimable state or a holderless in-progress one', () => {
    const state = fc.record({
      status: fc.constantFrom(...quoteStatusSchema.options),
      assignee_id: fc.constantFrom(null, ME, OTHER),
      answered_at: fc.constantFrom(null, ANSWERED_AT),
    });
    fc.assert(
      fc.property(state, (q) => {
        const decision = decideClaim(q, ME);
        if (decision.outcome === 'claim') expect(isClaimableStatus(q.status) || (q.status === 'in_progress' && q.assignee_id === null)).toBe(true);
        if (isClaimableStatus(q.status)) expect(decision.outcome).toBe('claim');
      }),
    );
  });
});

describe('isClaimableStatus', () => {
  it('is true exactly for the claimable states', () => {
    for (const status of quoteStatusSchema.options) {
      expect(isClaimableStatus(status)).toBe((CLAIMABLE_QUOTE_STATUSES as readonly string[]).includes(status));
    }
  });
});

describe('releaseTargetStatus and decideRelease', () => {
  it('returns a never-answered quote to requested and an answered one to revision_requested', () => {
    expect(releaseTargetStatus(quote('in_progress', ME))).toBe('requested');
    expect(releaseTargetStatus(quote('in_progress', ME, true))).toBe('revision_requested');
  });

  it('lets the assignee release', () => {
    expect(decideRelease(quote('in_progress', ME), ME, false)).toEqual({ outcome: 'release', to: 'requested', assigneeId: ME });
    expect(decideRelease(quote('in_progress', ME, true), ME, false)).toEqual({ outcome: 'release', to: 'revision_requested', assigneeId: ME });
  });

  it('refuses someone else\'s claim unless the releaser may release others', () => {
    expect(decideRelease(quote('in_progress', OTHER), ME, false)).toEqual({ outcome: 'claimed_by_other', assigneeId: OTHER });
    expect(decideRelease(quote('in_progress', OTHER), ME, true)).toEqual({ outcome: 'release', to: 'requested', assigneeId: OTHER });
  });

  it.each<QuoteStatus>(['requested', 'revision_requested', 'answered', 'accepted', 'declined', 'expired'])(
    'refuses to release a quote that is %s',
    (status) => {
      expect(decideRelease(quote(status, ME), ME, true)).toEqual({ outcome: 'not_claimed' });
    },
  );

  it('lets only a releaser of others free an in-progress quote nobody holds', () => {
    expect(decideRelease(quote('in_progress'), ME, false)).toEqual({ outcome: 'not_claimed' });
    expect(decideRelease(quote('in_progress'), ME, true)).toEqual({ outcome: 'release', to: 'requested', assigneeId: null });
  });

  it('makes a released quote claimable again', () => {
    for (const answered of [false, true]) {
      const held = quote('in_progress', ME, answered);
      const decision = decideRelease(held, ME, false);
      if (decision.outcome !== 'release') throw new Error('expected a release');
      expect(decideClaim({ ...held, status: decision.to, assignee_id: null }, OTHER).outcome).toBe('claim');
    }
  });
});

describe('decideDecline', () => {
  const REASON = 'Varen er utgått.';
  function declinable(status: QuoteStatus, assignee: string | null = null, reason: string | null = null) {
    return { ...quote(status, assignee, status === 'answered'), decline_reason: reason };
  }

  it.each<QuoteStatus>(['requested', 'revision_requested', 'answered', 'in_progress'])('declines a quote that is %s', (status) => {
    const holder = status === 'in_progress' || status === 'answered' ? ME : null;
    expect(decideDecline(declinable(status, holder), REASON, ME, false)).toEqual({ outcome: 'decline', from: status });
  });

  it('leaves a quote someone else holds (working or answered) to them or an admin', () => {
    for (const status of ['in_progress', 'answered'] as const) {
      expect(decideDecline(declinable(status, OTHER), REASON, ME, false)).toEqual({ outcome: 'claimed_by_other', assigneeId: OTHER });
      expect(decideDecline(declinable(status, OTHER), REASON, ME, true)).toEqual({ outcome: 'decline', from: status });
    }
  });

  it('declines again with the same reason without a change, and refuses another reason', () => {
    expect(decideDecline(declinable('declined', OTHER, REASON), REASON, ME, false)).toEqual({ outcome: 'already_declined' });
    expect(decideDecline(declinable('declined', null, REASON), 'Noe annet', ME, true)).toEqual({ outcome: 'not_open', status: 'declined' });
  });

  it.each<QuoteStatus>(['accepted', 'expired'])('refuses a quote that is %s', (status) => {
    expect(decideDecline(declinable(status), REASON, ME, true)).toEqual({ outcome: 'not_open', status });
  });
});

describe('decideReassign and assigneeProblem', () => {
  const BRANCH = 'oslo';
  const consultant = (changes: Partial<AssigneeCandidate> = {}): AssigneeCandidate => ({ id: OTHER, role: 'consultant', branch_id: BRANCH, active: true, ...changes });
  function reassignable(status: QuoteStatus, assignee: string | null = null) {
    return { ...quote(status, assignee), branch_id: BRANCH };
  }

  it('takes active consultants of the quote\'s branch and admins', () => {
    expect(assigneeProblem(consultant(), BRANCH)).toBeNull();
    expect(assigneeProblem(consultant({ role: 'admin', branch_id: null }), BRANCH)).toBeNull();
    expect(assigneeProblem(undefined, BRANCH)).toBe('unknown');
    expect(assigneeProblem(consultant({ active: false }), BRANCH)).toBe('inactive');
    expect(assigneeProblem(consultant({ role: 'admin', active: false }), BRANCH)).toBe('inactive');
    expect(assigneeProblem(consultant({ branch_id: 'bergen' }), BRANCH)).toBe('branch');
    expect(assigneeProblem(consultant({ role: 'branch' }), BRANCH)).toBe('role');
    expect(assigneeProblem(consultant({ role: 'customer_service', branch_id: null }), BRANCH)).toBe('role');
  });

  it('puts a waiting quote in progress with the target, saying whose it was', () => {
    expect(decideReassign(reassignable('requested'), consultant())).toEqual({ outcome: 'reassign', from: null, fromStatus: 'requested' });
    expect(decideReassign(reassignable('in_progress', ME), consultant())).toEqual({ outcome: 'reassign', from: ME, fromStatus: 'in_progress' });
    expect(decideReassign(reassignable('revision_requested'), consultant())).toEqual({ outcome: 'reassign', from: null, fromStatus: 'revision_requested' });
  });

  it('is a no-op when the target already works on it', () => {
    expect(decideReassign(reassignable('in_progress', OTHER), consultant())).toEqual({ outcome: 'already_assigned' });
  });

  it.each<QuoteStatus>(['answered', 'accepted', 'declined', 'expired'])('refuses a quote that is %s', (status) => {
    expect(decideReassign(reassignable(status), consultant())).toEqual({ outcome: 'not_open', status });
  });

  it('refuses a target who cannot take the quote, after the state', () => {
    expect(decideReassign(reassignable('requested'), consultant({ branch_id: 'bergen' }))).toEqual({ outcome: 'not_eligible', problem: 'branch' });
    expect(decideReassign(reassignable('requested'), undefined)).toEqual({ outcome: 'not_eligible', problem: 'unknown' });
    expect(decideReassign(reassignable('expired'), undefined)).toEqual({ outcome: 'not_open', status: 'expired' });
  });
});

describe('decideMarkRead', () => {
  it('clears unread comments, and does nothing when there are none', () => {
    expect(decideMarkRead({ unread_customer_comments: 3 })).toBe('mark');
    expect(decideMarkRead({ unread_customer_comments: 0 })).toBe('already_read');
  });
});

describe('comment bodies', () => {
  it('trims and keeps tabs and newlines', () => {
    expect(normalizeQuoteCommentBody('  Hei!\n\tPrisen er justert.  ')).toBe('Hei!\n\tPrisen er justert.');
  });

  it.each([
    ['empty', ''],
    ['only whitespace', ' \n\t '],
    ['a NUL', 'a\u0000b'],
    ['a bell', 'a\u0007b'],
    ['DEL', 'a\u007fb'],
    ['too long', 'x'.repeat(QUOTE_COMMENT_MAX_LENGTH + 1)],
  ])('refuses a body that is %s', (_label, body) => {
    expect(normalizeQuoteCommentBody(body)).toBeNull();
  });

  it('accepts the longest body and Norwegian letters', () => {
    expect(normalizeQuoteCommentBody('x'.repeat(QUOTE_COMMENT_MAX_LENGTH))).toHaveLength(QUOTE_COMMENT_MAX_LENGTH);
    expect(normalizeQuoteCommentBody('Blåbærsyltetøy')).toBe('Blåbærsyltetøy');
  });

  it('is the rule the quote.comment args use', () => {
    const args = { quoteId: 'q', commentId: 'c' };
    expect(mutationArgs['quote.comment'].safeParse({ ...args, body: ' ok ' }).data?.body).toBe('ok');
    expect(mutationArgs['quote.comment'].safeParse({ ...args, body: 'a\u0000' }).success).toBe(false);
  });

  it('never lets through what the database refuses', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 50 }), (body) => {
        const normalized = normalizeQuoteCommentBody(body);
        if (normalized === null) return;
        expect(normalized.length).toBeGreaterThanOrEqual(1);
        expect(normalized.length).toBeLessThanOrEqual(QUOTE_COMMENT_MAX_LENGTH);
        expect(normalized).not.toContain('\u0000');
        expect(normalized).toBe(normalized.trim());
      }),
    );
  });
});

describe('mutation ids', () => {
  it('refuse control characters, which PostgreSQL cannot always store', () => {
    expect(mutationArgs['quote.claim'].safeParse({ quoteId: 'q-1' }).success).toBe(true);
    expect(mutationArgs['quote.claim'].safeParse({ quoteId: 'q\u0000' }).success).toBe(false);
    expect(mutationArgs['quote.claim'].safeParse({ quoteId: '' }).success).toBe(false);
    expect(mutationArgs['quote.claim'].safeParse({ quoteId: 'q', more: 1 }).success).toBe(false);
  });
});
