import { TextInput as CarbonTextInput } from '@carbon/react';
import type { ComponentProps } from 'react';

/**
 * Carbon's TextInput, with its error message also in `aria-describedby`: Carbon points
 * `aria-errormessage` at a message that is neither an alert nor live, which axe refuses
 * (aria-valid-attr-value) and screen readers may not read.
 */
export function TextInput(props: ComponentProps<typeof CarbonTextInput>) {
  const { id, invalid } = props;
  return <CarbonTextInput {...props} aria-describedby={invalid ? `${id}-error-msg` : props['aria-describedby']} />;
}
