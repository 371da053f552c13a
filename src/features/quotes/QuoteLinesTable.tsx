import WarningAmberOutlined from '@mui/icons-material/WarningAmberOutlined';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { QuoteDetail } from '../../../electron/shared/ipc/quotes';
import { formatCount, formatNok, formatPercentBp } from '../../app/format';
import type { EvaluatedAnswer } from './answerForm';
import type { QuoteDraft } from './draftStore';

/** Props of the editor's lines table. */
export interface QuoteLinesTableProps {
  lines: QuoteDetail['lines'];
  draft: QuoteDraft;
  evaluated: EvaluatedAnswer;
  editable: boolean;
  onExtraDiscount: (lineId: string, value: string) => void;
  onOfferedPrice: (lineId: string, value: string) => void;
}

// Narrow inputs and cells: the editor shares the window with the queue, and every figure of a line
// should be in view without scrolling sideways at a common 1440 px wide window.
const inputSx = { width: 72, '& input': { textAlign: 'right', fontVariantNumeric: 'tabular-nums', px: 1 } } as const;
const numberCell = { textAlign: 'right', whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' } as const;

/**
 * One row per line: name (with position and article number), quantity, list price, tier discount, the consultant's extra
 * discount or fixed price (one clears the other), and the unit price and line total the shared
 * rules give, with a warning when the unit price is below cost.
 */
export function QuoteLinesTable({ lines, draft, evaluated, editable, onExtraDiscount, onOfferedPrice }: QuoteLinesTableProps) {
  const { t } = useTranslation();
  const byId = new Map(evaluated.lines.map((line) => [line.lineId, line]));
  const sorted = [...lines].sort((a, b) => a.position - b.position);
  return (
    <TableContainer sx={{ border: 1, borderColor: 'divider', borderRadius: 1 }}>
      <Table size="small" aria-label={t('quotes.editor.lines.title')} sx={{ '& td, & th': { px: 0.75 } }}>
        <TableHead>
          <TableRow>
            <TableCell>{t('quotes.editor.lines.name')}</TableCell>
            <TableCell sx={numberCell}>{t('quotes.editor.lines.qty')}</TableCell>
            <TableCell sx={numberCell}>{t('quotes.editor.lines.listPrice')}</TableCell>
            <TableCell sx={numberCell}>{t('quotes.editor.lines.tierDiscount')}</TableCell>
            <TableCell sx={numberCell}>{t('quotes.editor.lines.extraDiscount')}</TableCell>
            <TableCell sx={numberCell}>{t('quotes.editor.lines.offeredPrice')}</TableCell>
            <TableCell sx={numberCell}>{t('quotes.editor.lines.unitPrice')}</TableCell>
            <TableCell sx={numberCell}>{t('quotes.editor.lines.lineTotal')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {sorted.map((line) => {
            const input = draft.lines[line.id] ?? { extraDiscount: '', offeredPrice: '' };
            const result = byId.get(line.id);
            const discountError = result?.discountError ?? (result?.lineError === 'discountOver100' ? 'discountOver100' : null);
            const priceError = result?.priceError ?? (result?.lineError === 'bothDiscountAndPrice' ? 'bothDiscountAndPrice' : null);
            return (
              <TableRow key={line.id} data-testid={`quote-line-${line.position}`} hover>
                <TableCell sx={{ minWidth: 120 }}>
                  {line.name}
                  <Typography variant="caption" color="text.secondary" component="span" sx={{ display: 'block', whiteSpace: 'nowrap' }}>
                    {t('quotes.editor.lines.reference', { position: line.position, article: line.articleNumber })}
                  </Typography>
                </TableCell>
                <TableCell sx={numberCell}>{formatCount(line.qty)}</TableCell>
                <TableCell sx={numberCell}>{formatNok(line.listPriceOre)}</TableCell>
                <TableCell sx={numberCell}>{formatPercentBp(line.tierDiscountBp)}</TableCell>
                <TableCell sx={numberCell}>
                  <TextField
                    size="small"
                    value={input.extraDiscount}
                    disabled={!editable}
                    onChange={(event) => onExtraDiscount(line.id, event.target.value)}
                    error={discountError !== null}
                    helperText={discountError ? t(`quotes.editor.errors.${discountError}`) : null}
                    sx={inputSx}
                    slotProps={{
                      htmlInput: { 'data-testid': `quote-extra-discount-${line.position}`, inputMode: 'decimal', 'aria-label': `${t('quotes.editor.lines.extraDiscount')} ${line.position}` },
                    }}
                  />
                </TableCell>
                <TableCell sx={numberCell}>
                  <TextField
                    size="small"
                    value={input.offeredPrice}
                    disabled={!editable}
                    onChange={(event) => onOfferedPrice(line.id, event.target.value)}
                    error={priceError !== null}
                    helperText={priceError ? t(`quotes.editor.errors.${priceError}`) : null}
                    sx={inputSx}
                    slotProps={{
                      htmlInput: { 'data-testid': `quote-offered-price-${line.position}`, inputMode: 'decimal', 'aria-label': `${t('quotes.editor.lines.offeredPrice')} ${line.position}` },
                    }}
                  />
                </TableCell>
                <TableCell sx={numberCell}>
                  {result?.unitPriceOre === null || result === undefined ? '–' : formatNok(result.unitPriceOre)}
                  {result?.belowCost && line.costPriceOre !== null && (
                    <Box
                      component="span"
                      role="alert"
                      data-testid={`quote-below-cost-${line.position}`}
                      sx={{ display: 'flex', alignItems: 'center', justifyContent: 'flex-end', gap: 0.5, color: 'warning.main', fontSize: 12, fontWeight: 600 }}
                    >
                      <WarningAmberOutlined sx={{ fontSize: 16 }} aria-hidden />
                      {t('quotes.editor.lines.belowCost', { cost: formatNok(line.costPriceOre) })}
                    </Box>
                  )}
                </TableCell>
                <TableCell sx={numberCell}>{result?.lineTotalOre === null || result === undefined ? '–' : formatNok(result.lineTotalOre)}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      {editable && (
        <Typography variant="caption" color="text.secondary" component="p" sx={{ px: 1, py: 0.5 }}>
          {t('quotes.editor.lines.exclusiveHint')}
        </Typography>
      )}
    </TableContainer>
  );
}
