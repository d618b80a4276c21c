import type { User } from '@moneta/schema';
export function ImportRoute({ user }: { user: User }) {
  return <main>{user.username}</main>;
}
