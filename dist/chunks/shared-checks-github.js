import{createRequire as __glgRequire}from'node:module';const require=__glgRequire(import.meta.url);
import{f as e}from"./shared-errors.js";function r(t,i){if(!t.github)throw new e(`'${i}' needs the GitHub API: set GITHUB_TOKEN and GITHUB_REPOSITORY (in Actions: the github-token input)`,{needs:"github"});return t.github}export{r as a};
