import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{c as e}from"./shared-errors.js";function n(t,i){if(!t.github)throw new e(`'${i}' needs the GitHub API: set GITHUB_TOKEN and GITHUB_REPOSITORY (in Actions: the github-token input)`);return t.github}export{n as a};
