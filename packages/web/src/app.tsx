// The app: sign-in gate, layout and routes. Pages live in features/<feature>/; the
// meeting view is full screen, without the frame; a share link's page (/s/:token) is
// outside the sign-in gate, without the frame.

import { Route, Switch } from 'wouter';
import { AuthProvider } from './auth/auth-context';
import { SignInPage } from './features/signin/sign-in-page';
import { OverviewPage } from './features/overview/overview-page';
import { GoalPage } from './features/goal/goal-page';
import { KpiPage } from './features/kpi/kpi-page';
import { GoalEditPage, KpiEditPage } from './features/edit/edit-pages';
import { ImportPage } from './features/import/import-page';
import { MeetingPage } from './features/meeting/meeting-page';
import { BudgetPage } from './features/budget/budget-page';
import { SharedPage } from './features/share/shared-page';
import { SharesPage } from './features/share/shares-page';
import { UsersPage } from './features/users/users-page';
import { AlertsPage } from './features/alerts/alerts-page';
import { UtmBuilderPage } from './features/utm/utm-builder-page';
import { ChurnPage } from './features/churn/churn-page';
import { AppLayout } from './ui/app-layout';
import { NoticeProvider } from './ui/notice';
import { Loading } from './ui/page-state';

const NotFound = () => (
  <section>
    <h1>Page not found</h1>
    <p>
      There is no page here. <a href="/">Go to the overview</a>.
    </p>
  </section>
);

export const App = () => (
  <Switch>
    <Route path="/s/:token">{(p) => <SharedPage token={p.token} />}</Route>
    <Route>
      <SignedInApp />
    </Route>
  </Switch>
);

const SignedInApp = () => (
  <AuthProvider signInPage={<SignInPage />} checking={<Loading what="your session" />}>
    <NoticeProvider>
      <Switch>
        <Route path="/meeting" component={MeetingPage} />
        <Route>
          <AppLayout>
            <Switch>
              <Route path="/" component={OverviewPage} />
              <Route path="/goals/new">{() => <GoalEditPage />}</Route>
              <Route path="/goals/:goal/edit">{(p) => <GoalEditPage name={p.goal} />}</Route>
              <Route path="/goals/:goal/budget">{(p) => <BudgetPage name={p.goal} />}</Route>
              <Route path="/churn/:name">{(p) => <ChurnPage name={p.name} />}</Route>
              <Route path="/goals/:goal">{(p) => <GoalPage name={p.goal} />}</Route>
              <Route path="/kpis/new">{() => <KpiEditPage />}</Route>
              <Route path="/kpis/:kpi/edit">{(p) => <KpiEditPage name={p.kpi} />}</Route>
              <Route path="/kpis/:kpi">{(p) => <KpiPage name={p.kpi} />}</Route>
              <Route path="/shares" component={SharesPage} />
              <Route path="/users" component={UsersPage} />
              <Route path="/alerts" component={AlertsPage} />
              <Route path="/utm" component={UtmBuilderPage} />
              <Route path="/import/:dataset?">{(p) => <ImportPage dataset={p.dataset} />}</Route>
              <Route component={NotFound} />
            </Switch>
          </AppLayout>
        </Route>
      </Switch>
    </NoticeProvider>
  </AuthProvider>
);
