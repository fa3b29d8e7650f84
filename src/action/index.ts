/** Entry point of dist/index.js: runs the action. */
import { run } from './main.js';

void run();
