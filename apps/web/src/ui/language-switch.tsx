import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage, LANGUAGES, type Language } from '../i18n/i18n.js';

export function LanguageSwitch() {
  const { t } = useTranslation();
  return (
    <NativeSelect
      aria-label={t('language.label')}
      size="xs"
      value={currentLanguage()}
      data={LANGUAGES.map((language) => ({ value: language, label: t(`language.${language}`) }))}
      onChange={(e) => void changeLanguage(e.currentTarget.value as Language)}
    />
  );
}
