import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '../api/client.js';

/**
 * The sentence to show for a failed call: the server's own sentence when it sent one, else
 * a translated one that still says what to do.
 */
export function useErrorMessage(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error) => {
    if (error instanceof ApiRequestError) {
      if (error.code === 'NETWORK') return t('errors.network');
      if (error.message !== '') return error.message;
    }
    return t('errors.unknown');
  };
}
