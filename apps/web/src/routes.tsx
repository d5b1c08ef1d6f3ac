import { lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import { RequireSession } from './features/auth/require-session.js';
import { Shell } from './ui/app-shell.js';

// Each page is its own chunk: the first load carries only the shell and the page it opens.
const LoginPage = lazy(() => import('./features/auth/login-page.js'));
const RegisterPage = lazy(() => import('./features/auth/register-page.js'));
const DashboardPage = lazy(() => import('./pages/dashboard-page.js'));
const AgentsPage = lazy(() => import('./features/agents/agents-page.js'));
const DatabasesPage = lazy(() => import('./features/databases/databases-page.js'));
const DatabaseFormPage = lazy(() => import('./features/databases/database-form-page.js'));
const StoragesPage = lazy(() => import('./features/storages/storages-page.js'));
const StorageFormPage = lazy(() => import('./features/storages/storage-form-page.js'));
const JobsPage = lazy(() => import('./features/jobs/jobs-page.js'));
const JobFormPage = lazy(() => import('./features/jobs/job-form-page.js'));
const HistoryPage = lazy(() => import('./features/history/history-page.js'));
const SettingsPage = lazy(() => import('./features/settings/settings-page.js'));
const NotFoundPage = lazy(() => import('./pages/not-found-page.js'));

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  { path: '/register', element: <RegisterPage /> },
  {
    element: <RequireSession />,
    children: [
      {
        element: <Shell />,
        children: [
          { index: true, element: <DashboardPage /> },
          { path: 'agents', element: <AgentsPage /> },
          { path: 'databases', element: <DatabasesPage /> },
          { path: 'databases/new', element: <DatabaseFormPage /> },
          { path: 'databases/:id', element: <DatabaseFormPage /> },
          { path: 'storages', element: <StoragesPage /> },
          { path: 'storages/new', element: <StorageFormPage /> },
          { path: 'storages/:id', element: <StorageFormPage /> },
          { path: 'jobs', element: <JobsPage /> },
          { path: 'jobs/new', element: <JobFormPage /> },
          { path: 'jobs/:id', element: <JobFormPage /> },
          { path: 'history', element: <HistoryPage /> },
          { path: 'settings', element: <SettingsPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
