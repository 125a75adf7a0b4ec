/** The Slurm Desk mark: a queue of three jobs on a rounded tile. Decorative; the name is always beside it. */
export function BrandMark({ size = 20 }: { size?: number }) {
  return (
    <svg className="brand-mark" width={size} height={size} viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      <rect className="brand-mark-tile" width="20" height="20" rx="5" />
      <rect className="brand-mark-bar" x="4.5" y="5" width="11" height="2.2" rx="1.1" />
      <rect className="brand-mark-bar" x="4.5" y="8.9" width="7.5" height="2.2" rx="1.1" />
      <rect className="brand-mark-bar brand-mark-bar-faint" x="4.5" y="12.8" width="9.5" height="2.2" rx="1.1" />
    </svg>
  );
}
