import { Modal } from '@carbon/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A dialog that asks before one action: its heading, what it asks for, the action's button and Cancel. */
export function ActionDialog({
  heading,
  action,
  danger,
  onClose,
  onSubmit,
  children,
}: {
  heading: string;
  /** The primary button's text. */
  action: string;
  danger?: boolean;
  onClose: () => void;
  onSubmit: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open
      danger={danger}
      modalHeading={heading}
      primaryButtonText={action}
      secondaryButtonText={t('common.cancel')}
      onRequestClose={onClose}
      onRequestSubmit={onSubmit}
    >
      {children}
    </Modal>
  );
}
