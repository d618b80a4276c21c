import type { User } from '@moneta/schema';
export function TokensRoute({ user }: { user: User }) {
  return <main>{user.username}</main>;
}
