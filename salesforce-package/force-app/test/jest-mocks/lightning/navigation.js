import { createTestWireAdapter } from '@salesforce/sfdx-lwc-jest';

// A wire adapter, so tests can emit page references to components that @wire(CurrentPageReference).
export const CurrentPageReference = createTestWireAdapter(jest.fn());

let navigateCall = {};
let generateUrlCall = {};

const Navigate = Symbol('Navigate');
const GenerateUrl = Symbol('GenerateUrl');

export const NavigationMixin = (Base) =>
  class extends Base {
    [Navigate](pageReference, replace) {
      navigateCall = { pageReference, replace };
    }

    [GenerateUrl](pageReference) {
      generateUrlCall = { pageReference };
      return Promise.resolve('https://www.example.com');
    }
  };
NavigationMixin.Navigate = Navigate;
NavigationMixin.GenerateUrl = GenerateUrl;

// Components keep the mixin's calls to themselves; these let a test see where a component navigated.
export const getNavigateCalledWith = () => navigateCall;
export const getGenerateUrlCalledWith = () => generateUrlCall;

export const resetNavigationMock = () => {
  navigateCall = {};
  generateUrlCall = {};
};
