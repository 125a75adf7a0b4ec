import { Icon } from '../theme/Icon';

function clockTime(iso: string | null): string {
  if (!iso) return 'an earlier visit';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

/** Says that what is shown was kept from earlier because the cluster cannot be reached now. */
export function StaleBanner({ fetchedAt }: { fetchedAt: string | null }) {
  return (
    <div className="banner" data-level="warning" role="status" data-testid="stale-banner">
      <Icon name="warning" className="banner-icon" />
      <p className="banner-body">Stale — cluster unreachable, showing what was fetched at {clockTime(fetchedAt)}.</p>
    </div>
  );
}
