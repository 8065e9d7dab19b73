import staff from '../packages/staff/custom-elements.json';
import widgets from '../packages/widgets/custom-elements.json';

/** Every element Storybook documents, shopper widgets and staff elements alike: both packages' manifests as one. */
export const manifest = { ...widgets, modules: [...widgets.modules, ...staff.modules] };
