import { Button, Tile } from '@carbon/react';
import { useTranslation } from 'react-i18next';
import { signInUrl } from '../api/session';

/** Signed out: one button, to the identity provider through the API's sign-in session. */
export function SignInPage({ returnTo }: { returnTo: string }) {
  const { t } = useTranslation();
  return (
    <section className="aoc-sign-in">
      <Tile>
        <h1>{t('signIn.title')}</h1>
        <p>{t('signIn.text')}</p>
        <Button href={signInUrl(returnTo === '/sign-in' ? '/' : returnTo)}>{t('signIn.button')}</Button>
      </Tile>
    </section>
  );
}
