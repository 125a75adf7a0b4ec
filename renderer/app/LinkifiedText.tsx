import { Link } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import { reportIfDisconnected } from './reportIfDisconnected';
import { splitLinks } from './splitLinks';

/**
 * Text from a server (MFA instructions, banners) with its http(s) links made clickable. A link
 * never navigates the window: it goes to the system browser through app.openExternal, which
 * checks it again in main. Everything else stays plain text (never markup).
 */
export function LinkifiedText({ client, text }: { client: ContractClient; text: string }) {
  return (
    <>
      {splitLinks(text).map((part, index) =>
        'text' in part ? (
          part.text
        ) : (
          <Link
            key={index}
            className="text-link"
            onPress={() => void client.call('app.openExternal', { url: part.url }).catch(reportIfDisconnected)}
          >
            {part.url}
          </Link>
        ),
      )}
    </>
  );
}
