export function Skeleton({ className = '', label }: { className?: string; label?: string }) {
  return (
    <span
      className={`skeleton ${className}`}
      aria-hidden={label ? undefined : true}
      role={label ? 'status' : undefined}
    >
      {label && <span className="sr-only">{label}</span>}
    </span>
  );
}
