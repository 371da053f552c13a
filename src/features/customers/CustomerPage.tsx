import { useMemo, useState } from 'react';
import type { Notify } from '../../components/PageToast';
import { useTranslation } from 'react-i18next';
import { useCoreRead } from '../../app/useCoreRead';
import { MigrationPanel } from '../migration/MigrationPanel';
import { customerTables, tierName, type LoyaltyTier, type SessionStaff } from './customerModel';
import { CustomerPageView } from './CustomerPageView';
import { TierChangeDialog } from './TierChangeDialog';
import { submitTierChange } from './tierChange';


/** Props of the customer page. */
export interface CustomerPageProps {
  customerId: string;
  staff: SessionStaff;
  onBack: () => void;
  onOpenQuote?: ((quoteId: string) => void) | undefined;
  notify: Notify;
}

/**
 * One customer, kept live from the cache: a tier change made here (online or not) shows at once
 * through the core's local effect, marked pending until the server accepts it.
 */
export function CustomerPage({ customerId, staff, onBack, onOpenQuote, notify }: CustomerPageProps) {
  const { t } = useTranslation();
  const read = useCoreRead('customers.get', { customerId }, customerTables);
  // An answer for another customer (the page is reused) is not this one's: show loading instead.
  const detail = read.value !== undefined && read.value !== null && read.value.customer.id !== customerId ? undefined : read.value;
  // The tier the staff member saw when they opened the dialog: the change starts from it, so a
  // colleague's change arriving while the dialog is open is refused (TIER_CHANGED_MEANWHILE),
  // not silently taken as the new starting point.
  const [dialog, setDialog] = useState<{ prefill: LoyaltyTier | null; fromTier: LoyaltyTier } | null>(null);

  const migration = useMemo(
    () => (detail ? <MigrationPanel customer={detail.customer} history={detail.migrationHistory} staff={{ id: staff.id, role: staff.role, branchId: staff.branchId }} /> : undefined),
    [detail, staff.id, staff.role, staff.branchId],
  );

  return (
    <>
      <CustomerPageView detail={detail} staff={staff} onBack={onBack} onChangeTier={(prefill) => {
          if (detail) setDialog({ prefill, fromTier: detail.customer.loyaltyTier });
        }} onOpenQuote={onOpenQuote} migration={migration} />
      {detail && dialog !== null && (
        <TierChangeDialog
          open
          customerName={detail.customer.name}
          currentTier={dialog.fromTier}
          prefill={dialog.prefill}
          onCancel={() => setDialog(null)}
          onSubmit={async (form) => {
            const result = await submitTierChange(detail.customer.id, dialog.fromTier, form);
            if (result.ok) {
              setDialog(null);
              notify(t('customers.changed', { name: detail.customer.name, tier: tierName(t, result.args.toTier).toLowerCase() }), 'success');
            }
            return result;
          }}
        />
      )}
    </>
  );
}

export type { Notify } from '../../components/PageToast';
