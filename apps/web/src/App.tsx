import {
  Button,
  Content,
  Header,
  HeaderGlobalBar,
  HeaderMenuItem,
  HeaderName,
  HeaderNavigation,
  SkipToContent,
} from '@carbon/react';
import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { useLiveUpdates } from './api/live';
import { hasRole, ME_KEY, signOut, useMe, type Me } from './api/session';
import { ErrorNotice, Loading } from './components/ErrorNotice';
import { SignInPage } from './pages/SignInPage';

/** Every page but sign-in is its own chunk, loaded when first visited. */
const loaders = {
  '/inbox': () => import('./pages/InboxPage'),
  '/tasks/': () => import('./pages/TaskPage'),
  '/plans/': () => import('./pages/PlanPage'),
  '/workspace/': () => import('./pages/PlanEditorPage'),
  '/workspace': () => import('./pages/WorkspacePage'),
  '/civil-society': () => import('./pages/CivilSocietyPage'),
  '/admin/registry': () => import('./pages/admin/RegistryPage'),
  '/admin': () => import('./pages/admin/AdminPage'),
};
const InboxPage = lazy(loaders['/inbox']);
const TaskPage = lazy(loaders['/tasks/']);
const PlanPage = lazy(loaders['/plans/']);
const WorkspacePage = lazy(loaders['/workspace']);
const PlanEditorPage = lazy(loaders['/workspace/']);
const CivilSocietyPage = lazy(loaders['/civil-society']);
const AdminPage = lazy(loaders['/admin']);
const RegistryPage = lazy(loaders['/admin/registry']);

// The page opened first loads while the session is checked, not after it.
void Object.entries(loaders)
  .find(([prefix]) => window.location.pathname.startsWith(prefix))?.[1]()
  .catch(() => undefined);

const page = (element: ReactNode) => <Suspense fallback={<Loading />}>{element}</Suspense>;

const router = createBrowserRouter([
  {
    path: '/',
    element: <Shell />,
    children: [
      { index: true, element: <Home /> },
      { path: 'inbox', element: page(<InboxPage />) },
      { path: 'tasks/:id', element: page(<TaskPage />) },
      { path: 'plans/:id', element: page(<PlanPage />) },
      { path: 'workspace', element: page(<WorkspacePage />) },
      { path: 'workspace/new', element: page(<PlanEditorPage />) },
      { path: 'workspace/:id', element: page(<PlanEditorPage />) },
      { path: 'civil-society', element: page(<CivilSocietyPage />) },
      { path: 'admin', element: page(<AdminPage />) },
      { path: 'admin/registry', element: page(<RegistryPage />) },
      { path: '*', element: <NotFound /> },
    ],
  },
]);

export function AppRouter() {
  return <RouterProvider router={router} />;
}

/** The pages a user's roles open, in the header's order. */
function navigationOf(me: Me): { to: string; label: string }[] {
  const items: { to: string; label: string }[] = [];
  if (me.roles.some((r) => ['consultee', 'secretariat', 'gof_member', 'submitter', 'admin'].includes(r)))
    items.push({ to: '/inbox', label: 'nav.inbox' });
  if (hasRole(me, 'submitter')) items.push({ to: '/workspace', label: 'nav.workspace' });
  if (hasRole(me, 'cso')) items.push({ to: '/civil-society', label: 'nav.civilSociety' });
  if (hasRole(me, 'admin')) items.push({ to: '/admin', label: 'nav.admin' });
  return items;
}

/** Where a user lands: the page of their main role. */
function Home() {
  const { data: me } = useMe();
  if (!me) return null;
  if (hasRole(me, 'admin')) return <Navigate to="/admin" replace />;
  if (hasRole(me, 'submitter')) return <Navigate to="/workspace" replace />;
  if (hasRole(me, 'cso')) return <Navigate to="/civil-society" replace />;
  return <Navigate to="/inbox" replace />;
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.text')}</p>
    </section>
  );
}

/** The scope of a user in words: country, body, seat, organisation. */
export function scopeOf(me: Me, t: (key: string) => string): string {
  return (['country', 'body', 'seat', 'org'] as const)
    .filter((k) => me[k])
    .map((k) => `${t(`scope.${k}`)} ${me[k]}`)
    .join(', ');
}

/** The header (who I am, the language, sign out) around every page; signed out, the sign-in page. */
function Shell() {
  const { t, i18n } = useTranslation();
  const { data: me, isPending, error } = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  useLiveUpdates(Boolean(me));
  const other = i18n.resolvedLanguage === 'fr' ? 'en' : 'fr';

  const onSignOut = async () => {
    await signOut();
    queryClient.clear();
    queryClient.setQueryData(ME_KEY, null);
    await navigate('/');
  };

  return (
    <>
      <Header aria-label={t('app.name')}>
        <SkipToContent href="#main-content">{t('nav.skip')}</SkipToContent>
        <HeaderName
          href="/"
          prefix={t('app.prefix')}
          onClick={(e: React.MouseEvent) => {
            e.preventDefault();
            void navigate('/');
          }}
        >
          {t('app.name')}
        </HeaderName>
        {me && (
          <HeaderNavigation aria-label={t('nav.label')}>
            {navigationOf(me).map((item) => (
              <HeaderMenuItem
                key={item.to}
                href={item.to}
                isActive={location.pathname.startsWith(item.to)}
                onClick={(e: React.MouseEvent) => {
                  e.preventDefault();
                  void navigate(item.to);
                }}
              >
                {t(item.label)}
              </HeaderMenuItem>
            ))}
          </HeaderNavigation>
        )}
        <HeaderGlobalBar>
          {me && (
            <div className="aoc-user" data-testid="current-user">
              <span className="aoc-user__name">{me.name ?? me.sub}</span>
              <span className="aoc-user__scope">
                {me.roles.map((r) => t(`roles.${r}`)).join(', ')}
                {scopeOf(me, t) ? ` · ${scopeOf(me, t)}` : ''}
              </span>
            </div>
          )}
          <Button
            kind="ghost"
            size="lg"
            className="aoc-header-button"
            lang={other}
            onClick={() => void i18n.changeLanguage(other)}
          >
            {t(`language.switchTo.${other}`)}
          </Button>
          {me && (
            <Button kind="ghost" size="lg" className="aoc-header-button" onClick={() => void onSignOut()}>
              {t('nav.signOut')}
            </Button>
          )}
        </HeaderGlobalBar>
      </Header>
      <Content id="main-content" className="aoc-content">
        {isPending ? (
          <Loading />
        ) : error ? (
          <ErrorNotice error={error} />
        ) : me ? (
          <Outlet />
        ) : (
          <SignInPage returnTo={`${location.pathname}${location.search}`} />
        )}
      </Content>
    </>
  );
}
