-- What clients read and set on connect, without any table.
select @@version_comment limit 1;
select @@session.auto_increment_increment as auto_increment_increment, @@character_set_client as character_set_client, @@max_allowed_packet as max_allowed_packet, @@wait_timeout as wait_timeout;
set names utf8mb4;
set sql_mode=concat(@@sql_mode, ',STRICT_TRANS_TABLES'), names utf8mb4;
select @@sql_mode;
set autocommit = 1;
set session wait_timeout = 600;
select @@wait_timeout;
select @@no_such_variable;
select database();
show variables like 'character_set_c%';
select 1 + 1, 'text', 3.5;
selec 1;
select *
from
where;
