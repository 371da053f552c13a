import type SvgIcon from '@mui/material/SvgIcon';
import AssignmentReturnOutlined from '@mui/icons-material/AssignmentReturnOutlined';
import BusinessOutlined from '@mui/icons-material/BusinessOutlined';
import InboxOutlined from '@mui/icons-material/InboxOutlined';
import LocalShippingOutlined from '@mui/icons-material/LocalShippingOutlined';
import MoveUpOutlined from '@mui/icons-material/MoveUpOutlined';
import RequestQuoteOutlined from '@mui/icons-material/RequestQuoteOutlined';
import SpaceDashboardOutlined from '@mui/icons-material/SpaceDashboardOutlined';
import type { ViewId } from './views';

/** The icon of each view, shared by the menu, the overview cards and the page headers. */
export const viewIcons: Record<ViewId, typeof SvgIcon> = {
  home: SpaceDashboardOutlined,
  quotes: RequestQuoteOutlined,
  customers: BusinessOutlined,
  orders: LocalShippingOutlined,
  returns: AssignmentReturnOutlined,
  inbox: InboxOutlined,
  migration: MoveUpOutlined,
};
