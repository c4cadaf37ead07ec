// Synthetic shadow first: Lightning runs its components with it, and the SLDS stylesheet reaches into the base
// components only through it.
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import App from 'preview/app';

const app = createElement('preview-app', { is: App });
document.getElementById('root').appendChild(app);
