/** The text of `juju help` (the "basics" topic). */
export const BASIC_HELP = `Juju provides easy, intelligent application orchestration on top of clouds
such as local network namespaces, LXD, manual machines and Kubernetes. It lets
you deploy, configure, integrate, scale and operate applications as a whole.

Starter commands:

    bootstrap           Initializes a cloud environment.
    add-model           Adds a workload model.
    deploy              Deploys a new application.
    status              Displays the current status of Juju, applications, and units.
    add-unit            Adds extra units of a deployed application.
    integrate           Integrate two applications.
    expose              Makes an application publicly available over the network.
    models              Lists models a user can access on a controller.
    controllers         Lists all controllers.
    whoami              Print current login details.
    switch              Selects or identifies the current controller and model.
    add-k8s             Adds a Kubernetes endpoint and credential to Juju.
    add-cloud           Adds a cloud definition to Juju.
    add-credential      Adds a credential for a cloud to a local client and uploads it to a controller.

Interactive mode:

    Juju has no interactive shell in this implementation: 'juju' with no
    arguments prints this page.

Help commands:

    juju help           This help page
    juju help <command> Show help for the specified command
    juju help commands  Show the full list of commands
`;
