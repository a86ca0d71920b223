import { Link } from '@fluentui/react-components';
import { splitLinks } from './links';

/** Text with every http(s) link in it clickable (opened in a new tab). */
export function LinkedText({ text }: { text: string }) {
  return (
    <>
      {splitLinks(text).map((piece, i) =>
        piece.kind === 'text' ? (
          piece.text
        ) : (
          <Link key={i} href={piece.href} target="_blank" rel="noopener noreferrer" inline>
            {piece.href}
          </Link>
        ),
      )}
    </>
  );
}
