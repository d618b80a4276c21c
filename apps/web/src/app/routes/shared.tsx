import { Skeleton } from '@/components/ui/skeleton';

export function PageSkeleton() {
  return (
    <div className="page-loading">
      <Skeleton label="Loading Moneta" className="skeleton-page" />
    </div>
  );
}
