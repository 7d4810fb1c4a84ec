/**
 * The baseline of the "pane first load" figure (scripts/bench/pane-first-load.ts): a Fluent UI v9 page made of
 * the same components the clerk's first screen renders (App, ClerkPanel, SettingsPanel, StatusArea,
 * ChoiceField), with react-dom, and nothing of ours. Bundled with the pane's own build options.
 */
import {
  Badge,
  Button,
  Card,
  Field,
  FluentProvider,
  Input,
  Link,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Spinner,
  Switch,
  Tab,
  TabList,
  Text,
  Textarea,
  webLightTheme,
} from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';

function Baseline() {
  return (
    <FluentProvider theme={webLightTheme}>
      <Text as="h1">x</Text>
      <TabList selectedValue="a">
        <Tab value="a">a</Tab>
      </TabList>
      <MessageBar intent="warning">
        <MessageBarBody>
          <MessageBarTitle>x</MessageBarTitle>
        </MessageBarBody>
        <MessageBarActions>
          <Button>x</Button>
        </MessageBarActions>
      </MessageBar>
      <Card>
        <Badge>1</Badge>
        <Field label="x">
          <Input />
        </Field>
        <Field label="y">
          <Select>
            <option>z</option>
          </Select>
        </Field>
        <Textarea />
        <Switch />
        <Link href="#">x</Link>
        <Spinner size="small" />
      </Card>
    </FluentProvider>
  );
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<Baseline />);
