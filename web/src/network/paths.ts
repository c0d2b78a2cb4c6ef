// The centre's screens (kept apart from their code, which the shell loads only when one is opened).
const CENTRE = /^\/(controllers|safeguarding|people\/[\w-]+|lines\/[\w-]+)$/;

export const isCentrePath = (path: string) => CENTRE.test(path);
