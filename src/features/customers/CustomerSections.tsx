import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerDetail } from '../../../electron/shared/ipc/customers';
import { formatCount, formatDate, formatDateTime, formatNok } from '../../app/format';

type Address = CustomerDetail['addresses'][number];

/** A titled part of the customer page. */
export function Section({ title, testId, children, action }: { title: string; testId: string; children: ReactNode; action?: ReactNode }) {
  const id = `${testId}-title`;
  return (
    <Box component="section" aria-labelledby={id} data-testid={testId} sx={{ py: 2, borderTop: 1, borderColor: 'divider' }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1 }}>
        <Typography id={id} variant="subtitle1" component="h2" sx={{ fontWeight: 600, flex: 1 }}>
          {title}
        </Typography>
        {action}
      </Box>
      {children}
    </Box>
  );
}

/** A label over a value, for the page's key figures. */
export function Fact({ label, value, testId }: { label: string; value: ReactNode; testId?: string }) {
  return (
    <Box sx={{ minWidth: 120 }}>
      <Typography variant="caption" color="text.secondary" component="div">
        {label}
      </Typography>
      <Typography variant="body2" component="div" data-testid={testId} sx={{ fontVariantNumeric: 'tabular-nums', fontWeight: 500 }}>
        {value}
      </Typography>
    </Box>
  );
}

/** An address as lines: name, street, postal code and city, and the country when it is not Norway. */
function AddressLines({ address }: { address: Address }) {
  const lines = [address.name, address.line1, address.line2, `${address.postalCode} ${address.city}`, address.country === 'NO' || address.country === 'Norge' ? null : address.country].filter(
    (line): line is string => line !== null && line !== '',
  );
  return (
    <Box component="address" sx={{ fontStyle: 'normal' }} data-testid={`customer-address-${address.kind}`}>
      {lines.map((line, index) => (
        <Typography key={index} variant="body2" component="div">
          {line}
        </Typography>
      ))}
    </Box>
  );
}

/** The business and billing address, and every delivery address. */
export function AddressesSection({ addresses }: { addresses: CustomerDetail['addresses'] }) {
  const { t } = useTranslation();
  const business = addresses.find((address) => address.kind === 'business');
  const billing = addresses.find((address) => address.kind === 'billing');
  const delivery = addresses.filter((address) => address.kind === 'delivery');
  const missing = (
    <Typography variant="body2" color="text.secondary">
      {t('customers.addresses.missing')}
    </Typography>
  );
  return (
    <Section title={t('customers.addresses.title')} testId="customer-addresses">
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: 'repeat(3, minmax(0, 1fr))' } }}>
        <Box>
          <Typography variant="caption" color="text.secondary" component="h3">
            {t('customers.addresses.business')}
          </Typography>
          {business ? <AddressLines address={business} /> : missing}
        </Box>
        <Box>
          <Typography variant="caption" color="text.secondary" component="h3">
            {t('customers.addresses.billing')}
          </Typography>
          {billing ? <AddressLines address={billing} /> : missing}
        </Box>
        <Box>
          <Typography variant="caption" color="text.secondary" component="h3">
            {t('customers.addresses.delivery')}
          </Typography>
          {delivery.length === 0 ? (
            <Typography variant="body2" color="text.secondary">
              {t('customers.addresses.noDelivery')}
            </Typography>
          ) : (
            <Box sx={{ display: 'grid', gap: 1 }}>
              {delivery.map((address) => (
                <AddressLines key={address.id} address={address} />
              ))}
            </Box>
          )}
        </Box>
      </Box>
    </Section>
  );
}

/** The customer's company users: who may log in, with what, and whether they have moved. */
export function UsersSection({ users }: { users: CustomerDetail['users'] }) {
  const { t } = useTranslation();
  return (
    <Section title={`${t('customers.users.title')} (${formatCount(users.length)})`} testId="customer-users">
      {users.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t('customers.users.none')}
        </Typography>
      ) : (
        <Table size="small" aria-label={t('customers.users.title')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('customers.users.name')}</TableCell>
              <TableCell>{t('customers.users.email')}</TableCell>
              <TableCell>{t('customers.users.role')}</TableCell>
              <TableCell>{t('customers.users.oldShopUsername')}</TableCell>
              <TableCell>{t('customers.users.activated')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {users.map((user) => (
              <TableRow key={user.id} data-testid="customer-user-row">
                <TableCell>{user.name}</TableCell>
                <TableCell>{user.email}</TableCell>
                <TableCell>{t(`customers.users.roles.${user.role}`)}</TableCell>
                <TableCell>{user.oldShopUsername ?? t('customers.page.none')}</TableCell>
                <TableCell>{user.newShopActivatedAt ? formatDateTime(user.newShopActivatedAt) : t('customers.users.notActivated')}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Section>
  );
}

/** Order figures (all time, last 12 months, open, last) and the latest orders. */
export function OrdersSection({ orders }: { orders: CustomerDetail['orders'] }) {
  const { t } = useTranslation();
  return (
    <Section title={t('customers.orders.title')} testId="customer-orders">
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 3, mb: 1.5 }}>
        <Fact label={t('customers.orders.total')} value={formatCount(orders.total)} testId="customer-orders-total" />
        <Fact label={t('customers.orders.last12Months')} value={formatCount(orders.last12Months)} testId="customer-orders-12m" />
        <Fact label={t('customers.orders.value12Months')} value={formatNok(orders.value12MonthsOre)} testId="customer-orders-value-12m" />
        <Fact label={t('customers.orders.open')} value={formatCount(orders.open)} testId="customer-orders-open" />
        <Fact label={t('customers.orders.lastPlaced')} value={orders.lastPlacedAt ? formatDate(orders.lastPlacedAt) : t('customers.orders.never')} testId="customer-orders-last" />
      </Box>
      {orders.recent.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t('customers.orders.none')}
        </Typography>
      ) : (
        <Table size="small" aria-label={t('customers.orders.recent')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('customers.orders.orderNumber')}</TableCell>
              <TableCell>{t('customers.orders.placedAt')}</TableCell>
              <TableCell align="right">{t('customers.orders.lines')}</TableCell>
              <TableCell align="right">{t('customers.orders.value')}</TableCell>
              <TableCell align="right">{t('customers.orders.openLines')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {orders.recent.map((order) => (
              <TableRow key={order.id} data-testid="customer-order-row">
                <TableCell>{order.orderNumber}</TableCell>
                <TableCell>{formatDate(order.placedAt)}</TableCell>
                <TableCell align="right">{formatCount(order.lineCount)}</TableCell>
                <TableCell align="right">{formatNok(order.valueOre)}</TableCell>
                <TableCell align="right">{formatCount(order.openLines)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Section>
  );
}

/** Quote figures and the latest quotes; a quote number opens it on the quotes page when that is wired. */
export function QuotesSection({ quotes, onOpenQuote }: { quotes: CustomerDetail['quotes']; onOpenQuote?: ((quoteId: string) => void) | undefined }) {
  const { t } = useTranslation();
  return (
    <Section title={t('customers.quotes.title')} testId="customer-quotes">
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 3, mb: 1.5 }}>
        <Fact label={t('customers.quotes.open')} value={formatCount(quotes.open)} testId="customer-quotes-open" />
        <Fact label={t('customers.quotes.total')} value={formatCount(quotes.total)} testId="customer-quotes-total" />
      </Box>
      {quotes.recent.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t('customers.quotes.none')}
        </Typography>
      ) : (
        <Table size="small" aria-label={t('customers.quotes.recent')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('customers.quotes.quoteNumber')}</TableCell>
              <TableCell>{t('customers.quotes.status')}</TableCell>
              <TableCell>{t('customers.quotes.requestedAt')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {quotes.recent.map((quote) => (
              <TableRow key={quote.id} data-testid="customer-quote-row">
                <TableCell>
                  {onOpenQuote ? (
                    <Link component="button" type="button" variant="body2" onClick={() => onOpenQuote(quote.id)} aria-label={t('customers.quotes.openQuote', { number: quote.quoteNumber })}>
                      {quote.quoteNumber}
                    </Link>
                  ) : (
                    quote.quoteNumber
                  )}
                </TableCell>
                <TableCell>{t(`quotes.status.${quote.status}`)}</TableCell>
                <TableCell>{formatDateTime(quote.requestedAt)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Section>
  );
}
