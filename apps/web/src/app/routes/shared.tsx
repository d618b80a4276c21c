import { useLayoutEffect } from 'react';
import { Skeleton } from '@/components/ui/skeleton';
import { navigate } from '../router';

export function PageSkeleton() {
  return (
    <div className="page-loading">
      <Skeleton label="Loading Moneta" className="skeleton-page" />
    </div>
  );
}

export function Redirect({ to }: { to: string }) {
  useLayoutEffect(() => {
    navigate(to, { replace: true });
  }, [to]);
  return null;
}
