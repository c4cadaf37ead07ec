'use strict';
// Adds `await expect(element).toBeAccessible()` (axe rules, as Salesforce's own components are checked).
const { setup } = require('@sa11y/jest');

setup();
