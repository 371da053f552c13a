import ArrowBack from '@mui/icons-material/ArrowBack';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerDetail } from '../../../electron/shared/ipc/customers';
import { formatDate, formatOrgNumber } from '../../app/format';
import { TierChip } from '../quotes/QuoteChips';
import { mayChangeTier, type LoyaltyTier, type SessionStaff } from './customerModel';
import { AddressesSection, Fact, OrdersSection, QuotesSection, UsersSection } from './CustomerSections';
import { PendingChip, TierSection } from './TierSection';

/** Props of the customer page's view. */
export interface CustomerPageViewProps {
  /** The customer; undefined while it is read, null when the core has no such customer. */
  detail: CustomerDetail | null | undefined;
  staff: SessionStaff;
  onBack: () => void;
  onChangeTier: (prefill: LoyaltyTier | null) => void;
  onOpenQuote?: ((quoteId: string) => void) | undefined;
  /** The "moving to the new webshop" panel (the migration feature's), shown in its own section. */
  migration?: ReactNode;
}

function BackButton({ onBack }: { onBack: () => void }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('customers.page.backHint')}>
      <IconButton onClick={onBack} aria-label={t('customers.page.back')} aria-keyshortcuts="Escape" data-testid="customer-back" size="small">
        <ArrowBack fontSize="small" />
      </IconButton>
    </Tooltip>
  );
}

/** Name, numbers, tier in its colour, branch, consultant and how to reach the customer. */
function CustomerHeader({ customer, onBack }: { customer: CustomerDetail['customer']; onBack: () => void }) {
  const { t } = useTranslation();
  return (
    <Box component="header" sx={{ pb: 2 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <BackButton onBack={onBack} />
        <Typography variant="h5" component="h1" data-testid="customer-name" sx={{ mr: 1 }}>
          {customer.name}
        </Typography>
        <Box component="span" data-testid="customer-tier" data-tier={customer.loyaltyTier}>
          <TierChip tier={customer.loyaltyTier} />
        </Box>
        {customer.pending && <PendingChip label={t('customers.page.pending')} hint={t('customers.tierSection.pendingHint')} testId="customer-pending" />}
      </Box>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 3, mt: 1.5, pl: 5 }}>
        <Fact label={t('customers.page.customerNumber')} value={customer.customerNumber} testId="customer-number" />
        <Fact label={t('customers.page.orgNumber')} value={formatOrgNumber(customer.orgNumber)} testId="customer-org-number" />
        <Fact label={t('customers.page.branch')} value={customer.branchName} testId="customer-branch" />
        <Fact label={t('customers.page.consultant')} value={customer.consultantName ?? t('customers.page.noConsultant')} testId="customer-consultant" />
        <Fact label={t('customers.page.phone')} value={customer.phone ?? t('customers.page.none')} testId="customer-phone" />
        <Fact label={t('customers.page.email')} value={customer.email ?? t('customers.page.none')} testId="customer-email" />
        <Fact label={t('customers.page.customerSince')} value={formatDate(customer.createdAt)} />
      </Box>
    </Box>
  );
}

/**
 * One customer: header, addresses, company users, order and quote summaries, the loyalty tier
 * (with its suggestion and history) and the move to the new webshop. Renders from props alone;
 * `CustomerPage` reads them from the core.
 */
export function CustomerPageView({ detail, staff, onBack, onChangeTier, onOpenQuote, migration }: CustomerPageViewProps) {
  const { t } = useTranslation();
  if (detail === undefined) {
    return (
      <Box data-testid="customer-page" data-state="loading" sx={{ p: 4, display: 'flex', alignItems: 'center', gap: 2 }}>
        <BackButton onBack={onBack} />
        <CircularProgress size={20} />
        <Typography color="text.secondary">{t('customers.page.loading')}</Typography>
      </Box>
    );
  }
  if (detail === null) {
    return (
      <Box data-testid="customer-page" data-state="not-found" sx={{ p: 2 }}>
        <BackButton onBack={onBack} />
        <Alert severity="warning" sx={{ mt: 1 }} data-testid="customer-not-found">
          {t('customers.page.notFound')}
        </Alert>
      </Box>
    );
  }
  const { customer } = detail;
  return (
    <Box data-testid="customer-page" data-state="ready" data-customer-id={customer.id} aria-label={t('customers.page.label', { name: customer.name })} component="article" sx={{ px: 2.5, py: 2 }}>
      <CustomerHeader customer={customer} onBack={onBack} />
      <TierSection detail={detail} mayChange={mayChangeTier(staff, customer.branchId)} onChange={onChangeTier} />
      <AddressesSection addresses={detail.addresses} />
      <UsersSection users={detail.users} />
      <OrdersSection orders={detail.orders} />
      <QuotesSection quotes={detail.quotes} onOpenQuote={onOpenQuote} />
      {migration !== undefined && (
        // The panel carries its own heading ("Flytting til ny nettbutikk").
        <Box data-testid="customer-migration" sx={{ py: 2, borderTop: 1, borderColor: 'divider' }}>
          {migration}
        </Box>
      )}
    </Box>
  );
}
